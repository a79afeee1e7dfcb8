import { ZoomlinkError } from '../errors.js';

/** What a person gave a command is wrong; the message names the field and what to do. Exit 2. */
export class InputError extends ZoomlinkError {
  constructor(message: string, code = 'INPUT_INVALID') {
    super(code, message);
  }
}
