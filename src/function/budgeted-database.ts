import type { RunBudget } from '../core/run-budget';
import type { Database, DatabaseCollection, DatabaseQuery } from './database';

/**
 * The database as one run may use it: every request starts only if it fits before the run's deadline
 * and is abandoned there. Steps of a composite operation (create a missing collection, then retry; a
 * claim's update, then insert) are gated one by one, so nothing starts after the deadline, even when
 * a frozen instance is thawed later.
 */
export function budgetedDatabase(openDatabase: () => Database, budget: RunBudget): Database {
  let opened: Database | undefined;
  const db = () => (opened ??= openDatabase());
  const gate = <T>(what: string, call: () => Promise<T>) => budget.run('database', what, call);
  const query = (inner: () => DatabaseQuery, name: string): DatabaseQuery => ({
    limit: (count) => query(() => inner().limit(count), name),
    field: (projection) => query(() => inner().field(projection), name),
    get: () => gate(`reading ${name}`, () => inner().get()),
    update: (options) => gate(`updating ${name}`, () => inner().update(options)),
    remove: () => gate(`removing from ${name}`, () => inner().remove()),
  });
  return {
    get command() {
      return db().command;
    },
    createCollection: (name) => gate(`creating ${name}`, () => db().createCollection(name)),
    collection: (name): DatabaseCollection => ({
      where: (conditions) => query(() => db().collection(name).where(conditions), name),
      add: (options) => gate(`adding to ${name}`, () => db().collection(name).add(options)),
      doc: (id) => ({
        set: (options) => gate(`writing ${name}`, () => db().collection(name).doc(id).set(options)),
        remove: () => gate(`removing from ${name}`, () => db().collection(name).doc(id).remove()),
      }),
    }),
  };
}
