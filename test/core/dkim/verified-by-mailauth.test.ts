import { verifyWithMailauth } from '../../helpers/dkim.js'
import { signaturesVerifiedBy } from './signatures-verified.js'

// mailauth (npm), the verifier of a second ecosystem.
signaturesVerifiedBy('mailauth', verifyWithMailauth)
