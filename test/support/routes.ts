/**
 * The emulators' routes as their call logs name them (method and path pattern), one table per
 * upstream: tests count calls by these names.
 */
export const googleRoutes = {
  token: 'POST /token',
  list: 'GET /calendar/v3/calendars/:calendarId/events',
  get: 'GET /calendar/v3/calendars/:calendarId/events/:eventId',
  patch: 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId',
  instances: 'GET /calendar/v3/calendars/:calendarId/events/:eventId/instances',
  directory: 'GET /admin/directory/v1/customer/:customer/resources/calendars',
} as const;

export const zoomRoutes = {
  token: 'POST /oauth/token',
  create: 'POST /v2/users/:userId/meetings',
  user: 'GET /v2/users/:userId',
  list: 'GET /v2/users/:userId/meetings',
  get: 'GET /v2/meetings/:meetingId',
  update: 'PATCH /v2/meetings/:meetingId',
  delete: 'DELETE /v2/meetings/:meetingId',
  status: 'PUT /v2/meetings/:meetingId/status',
  invitation: 'GET /v2/meetings/:meetingId/invitation',
  inviteLinks: 'POST /v2/meetings/:meetingId/invite_links',
} as const;

/** Both upstreams' routes as the sync tests count them (a Zoom meeting list is `listMeetings`). */
export const syncRoutes = {
  googleToken: googleRoutes.token,
  list: googleRoutes.list,
  get: googleRoutes.get,
  patch: googleRoutes.patch,
  instances: googleRoutes.instances,
  zoomToken: zoomRoutes.token,
  create: zoomRoutes.create,
  listMeetings: zoomRoutes.list,
  getMeeting: zoomRoutes.get,
  update: zoomRoutes.update,
  delete: zoomRoutes.delete,
  user: zoomRoutes.user,
} as const;
