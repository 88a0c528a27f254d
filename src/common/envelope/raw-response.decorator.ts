import { SetMetadata } from '@nestjs/common';

export const RAW_RESPONSE = 'techdeck:raw-response';

/** The handler's return value is sent as it is (text exposition, files), not in the envelope. */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);
