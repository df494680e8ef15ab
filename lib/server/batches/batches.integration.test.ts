/** Recipes and batches on PGlite, with the real segmentation model for Select background. */
import { defineBatchSuite } from './batch-suite';

defineBatchSuite('pglite', async () => ({}), { segmentation: true });
