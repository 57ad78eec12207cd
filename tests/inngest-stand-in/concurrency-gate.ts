// The concurrency limits of Inngest functions, for runs made in-process with @inngest/test, which knows nothing of
// them (it runs whatever it is given, at once). A run waits until every limit of its function has a free slot.
// What it shows and what it cannot, compared with Inngest:
// - keys: only the two forms Vertask uses, `event.data.<field>` and a quoted constant; scope "fn" keeps a slot
//   to its function, "env" and "account" share it with every function naming the same key;
// - stricter: a run holds its slots from its first step to its end; Inngest counts only executing steps, so
//   between two steps of one run another run's step may take the slot;
// - order: waiting runs start in the order they arrived, skipping those whose slots are taken (Inngest's own
//   scheduler, its key queues and its fairness between keys are not modelled).

export type ConcurrencyLimit = { key?: string; limit: number; scope?: "fn" | "env" | "account" };

type Slot = { name: string; limit: number };
type Waiting = { slots: Slot[]; start: () => void };

function keyValue(key: string, event: { data: Record<string, unknown> }): string {
  if (/^".*"$/.test(key)) return JSON.parse(key) as string;
  const field = /^event\.data\.([A-Za-z_][\w.]*)$/.exec(key)?.[1];
  if (!field) throw new Error(`The concurrency gate cannot evaluate the key ${key}`);
  const value = field
    .split(".")
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], event.data);
  return String(value);
}

export function limitsOf(concurrency: number | ConcurrencyLimit | ConcurrencyLimit[] | undefined): ConcurrencyLimit[] {
  if (concurrency === undefined) return [];
  if (typeof concurrency === "number") return [{ limit: concurrency }];
  return Array.isArray(concurrency) ? concurrency : [concurrency];
}

export class ConcurrencyGate {
  private readonly taken = new Map<string, number>();
  private readonly waiting: Waiting[] = [];
  private running = 0;
  /** The most runs that held their slots at the same moment. */
  mostAtOnce = 0;

  /** Runs `work` once every limit of function `functionId` has a free slot for this event; frees them after. */
  async run<T>(
    functionId: string,
    limits: ConcurrencyLimit[],
    event: { data: Record<string, unknown> },
    work: () => Promise<T>,
  ): Promise<T> {
    const slots = limits
      .filter((limit) => limit.limit > 0)
      .map((limit) => {
        const value = limit.key === undefined ? "*" : keyValue(limit.key, event);
        return {
          name: !limit.scope || limit.scope === "fn" ? `${functionId}/${value}` : `${limit.scope}/${value}`,
          limit: limit.limit,
        };
      });
    await new Promise<void>((start) => {
      this.waiting.push({ slots, start });
      this.startWhatFits();
    });
    try {
      return await work();
    } finally {
      this.running--;
      for (const slot of slots) this.taken.set(slot.name, this.taken.get(slot.name)! - 1);
      this.startWhatFits();
    }
  }

  private startWhatFits() {
    for (let index = 0; index < this.waiting.length;) {
      const next = this.waiting[index];
      if (!next.slots.every((slot) => (this.taken.get(slot.name) ?? 0) < slot.limit)) {
        index++;
        continue;
      }
      this.waiting.splice(index, 1);
      for (const slot of next.slots) this.taken.set(slot.name, (this.taken.get(slot.name) ?? 0) + 1);
      this.running++;
      this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
      next.start();
    }
  }
}
