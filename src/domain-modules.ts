import { SystemModule } from './modules/system/system.module';

/** The domain modules, loaded alike by the API and the worker process. */
export const DOMAIN_MODULES = [SystemModule];
