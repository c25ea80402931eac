import { composeMessage, validateMail } from '../mail/index.js'
import type { Composer } from './send.js'

/** The real MIME composer of `src/mail/`. */
export const mailComposer: Composer = { validate: validateMail, compose: composeMessage }
