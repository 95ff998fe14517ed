import type { AlertRecord } from '../../src/core/alert-policy';
import type { AlertMemory } from '../../src/function/alert-memory';

/** Alert memory in a Map, for in-process tests of the alert logic. */
export class MapAlertMemory implements AlertMemory {
  readonly records = new Map<string, AlertRecord>();

  async load(): Promise<Map<string, AlertRecord>> {
    return new Map(this.records);
  }

  async save(key: string, record: AlertRecord): Promise<void> {
    this.records.set(key, record);
  }

  async forget(key: string): Promise<void> {
    this.records.delete(key);
  }
}
