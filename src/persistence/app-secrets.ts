import type { EntityManager } from 'typeorm';
import type { AppSecrets } from '../core';

/** `app_secrets`: secrets every instance shares. The row, once written, is never replaced. */
export class TypeormAppSecrets implements AppSecrets {
  constructor(private readonly em: EntityManager) {}

  async getOrCreate(name: string, make: () => string): Promise<string> {
    await this.em.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, make()]);
    const rows: { value: string }[] = await this.em.query('SELECT value FROM app_secrets WHERE name = $1', [name]);
    return rows[0].value;
  }
}
