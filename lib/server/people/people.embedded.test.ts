/** Accounts, roles, invitations and deactivation on the embedded database (PGlite). */
import { definePeopleSuite } from './people-suite';

definePeopleSuite('embedded', async () => ({ DATABASE_URL: '' }));
