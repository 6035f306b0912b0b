import { InitialSchema1764057600000 } from './1764057600000-InitialSchema';

/** Every migration, oldest first: listed here so the app, the CLI and the tests run the same ones. */
export const MIGRATIONS = [InitialSchema1764057600000];
