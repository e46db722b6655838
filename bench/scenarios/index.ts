import type { Scenario } from '../lib/scenario.js';
import { batching } from './batching.js';
import { coldstart } from './coldstart.js';
import { connections } from './connections.js';
import { cpu } from './cpu.js';
import { dashboard } from './dashboard.js';
import { fanout } from './fanout.js';
import { large } from './large.js';
import { latency } from './latency.js';
import { memory } from './memory.js';
import { named } from './named.js';
import { polling } from './polling.js';
import { throughput } from './throughput.js';

/** Every scenario, in run order (each can also run alone with --scenario). */
export const SCENARIOS: readonly Scenario[] = [
  latency,
  cpu,
  throughput,
  batching,
  large,
  coldstart,
  connections,
  polling,
  fanout,
  memory,
  named,
  dashboard,
];
