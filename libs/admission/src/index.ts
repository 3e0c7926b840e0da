export { AdmissionControl, type AdmissionOptions, type AdmissionTicket, type Refusal } from './lib/admission.control';
export { addAdmissionHook, type AdmissionHookOptions } from './lib/admission.hook';
export { type ConcurrencyLimit, FixedLimit, GradientLimit, type GradientLimitOptions } from './lib/gradient.limit';
