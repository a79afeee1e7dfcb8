/**
 * A caller of an emulator's control API: JSON in, any 2xx accepted, anything else thrown with
 * the call and the emulator's answer (the demo's steps and seeding go through it).
 */
export function controlCall(controlUrl: string, what: string) {
  return async (method: string, path: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${controlUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(
        `${what}: ${method} ${path} answered ${response.status}: ${await response.text()}`,
      );
  };
}
