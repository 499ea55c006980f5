// The commit thread from the TypeScript sources (tests, tsx): Node 20 does not pass tsx's loader on
// to worker threads, so this registers it and then loads the worker's source.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./commitWorker.ts', import.meta.url).href);
