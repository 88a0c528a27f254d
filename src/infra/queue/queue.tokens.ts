export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');
export const RUN_WORKERS = Symbol('RUN_WORKERS');
