import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.CHAMADO_TEST_ADMIN_URL;
  const template = process.env.CHAMADO_TEST_TEMPLATE;
  if (adminUrl && template) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  await (globalThis as { __chamadoStop?: () => Promise<void> }).__chamadoStop?.();
}
