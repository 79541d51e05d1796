export { impliedVolBlack76, impliedVolBsm } from './implied-vol';
export type { OptionType, Black76ImpliedVolInput, BsmImpliedVolInput } from './implied-vol';
export {
  impliedVolBlack76Batch,
  IV_FAILED,
  IV_STATUS_OK,
  IV_STATUS_BELOW_INTRINSIC,
  IV_STATUS_ABOVE_MAXIMUM,
  IV_STATUS_INVALID_INPUT,
} from './implied-vol-batch';
export type { ImpliedVolBatchOptions } from './implied-vol-batch';
export { ImpliedVolError } from './implied-vol-error';
export type { ImpliedVolFailure } from './implied-vol-error';
export { black76Price } from './black76-price';
export type { Black76PriceInput } from './black76-price';
export { normalisedBlackCall, normalisedVega } from './normalised-black';
export { normalisedImpliedVolOtm } from './lets-be-rational';
