import { verifyWithDkimpy } from '../../helpers/dkim.js'
import { signaturesVerifiedBy } from './signatures-verified.js'

// dkimpy (Debian python3-dkim), an implementation that shares no code with mailbridge.
signaturesVerifiedBy('dkimpy', verifyWithDkimpy)
