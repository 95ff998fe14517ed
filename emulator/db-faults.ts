/** A programmed misbehaviour of the cloud database, like the open-API faults. */
export interface DatabaseFault {
  /** `database.getDocument`, `database.modifyDocument`, …; every action when absent. */
  action?: string;
  /** One collection only; every collection when absent. */
  collection?: string;
  /** How many matching requests it affects; unlimited when absent. */
  times?: number;
  latencyMs?: number;
  /** A gateway error code (`DATABASE_PERMISSION_DENIED`, `SYS_ERR`, …) instead of the answer. */
  code?: string;
  message?: string;
  /** The connection closes without an answer; the request is not carried out. */
  drop?: boolean;
  /** The request is carried out, then the connection closes before the answer: an unknown outcome. */
  dropAfterProcessing?: boolean;
}

export class DatabaseFaults {
  private faults: DatabaseFault[] = [];

  add(fault: DatabaseFault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request, counted down. */
  take(action: string, collection: string): DatabaseFault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        (candidate.action === undefined || candidate.action === action) &&
        (candidate.collection === undefined || candidate.collection === collection),
    );
    if (fault?.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }
}
