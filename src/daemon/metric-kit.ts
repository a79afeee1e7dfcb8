import { Counter, Gauge, Histogram, type LabelValues, type Registry } from 'prom-client';

/** Sets one value of a scraped gauge. */
export type SetGauge<L extends string> = (labels: LabelValues<L>, value: number) => void;

/**
 * The daemon's metrics on one registry, each declared in one call (name, help, label names).
 * Gauges that describe the store or the queue are read when Prometheus scrapes, so that what they
 * say is never stale and costs nothing between scrapes.
 */
export function metricsOn(registry: Registry) {
  const registers = [registry];
  return {
    registers,
    counter: <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers }),
    gauge: <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Gauge<L>({ name, help, labelNames, registers }),
    histogram: <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name, help, labelNames, buckets, registers }),
    /**
     * A declarer of gauges read at scrape time from what `source` gives then (each starts empty;
     * nothing is read while `source` gives undefined, e.g. once the store is closed).
     */
    gaugesReading<T>(source: () => T | undefined) {
      return <L extends string = never>(
        name: string,
        help: string,
        labelNames: L[],
        read: (from: T, set: SetGauge<L>) => void,
      ): void => {
        new Gauge<L>({
          name,
          help,
          labelNames,
          registers,
          collect() {
            this.reset();
            const from = source();
            if (from !== undefined) read(from, (labels, value) => this.set(labels, value));
          },
        });
      };
    },
  };
}

export type MetricsOn = ReturnType<typeof metricsOn>;
