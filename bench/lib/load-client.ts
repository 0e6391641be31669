/**
 * A small closed-loop HTTP load generator for loopback benchmarks: `concurrency`
 * clients, each sending its next request as soon as the previous answer has been
 * read in full, over keep-alive connections (one per client), until every
 * request given is done or `timeCapMs` has passed.
 *
 * The generator shares the machine with the apps it measures, so the timed loop
 * does the same work whichever app answers: requests arrive built and signed,
 * and answers are only kept during the run and checked after it.
 */
import { Agent, request } from "node:http";

export interface PreparedRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export interface RunOptions {
  port: number;
  path: string;
  concurrency: number;
  /** The requests to send, in order, built (and signed) before the run. */
  requests: readonly PreparedRequest[];
  timeCapMs: number;
  /** Reuse connections opened by an earlier run (warm-up); a fresh agent otherwise. */
  agent?: Agent;
  /**
   * Checks each 2xx answer after the run; a returned string counts the request
   * as an error.
   */
  validate?: (body: Buffer) => string | null;
}

export interface RunResult {
  /** Latency of each completed request, ms (including failed ones). */
  latencies: number[];
  /** When each of them was sent (performance.now()), in the same order. */
  sentAt: number[];
  errors: number;
  /** First error seen, for the report. */
  firstError: string | null;
  wallMs: number;
  capped: boolean;
  bytes: number;
}

export function keepAliveAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/** Headers with the body's length, made before the run. */
export function withLength(prepared: PreparedRequest): PreparedRequest {
  return {
    body: prepared.body,
    headers: { ...prepared.headers, "content-length": String(prepared.body.length) },
  };
}

function send(
  agent: Agent,
  options: RunOptions,
  prepared: PreparedRequest,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: options.port,
        path: options.path,
        method: "POST",
        agent,
        headers: prepared.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(prepared.body);
  });
}

export async function closedLoop(options: RunOptions): Promise<RunResult> {
  const agent = options.agent ?? keepAliveAgent(options.concurrency);
  const count = options.requests.length;
  const latencies: number[] = [];
  const sentAt: number[] = [];
  const answers: { status: number; body: Buffer }[] = [];
  let issued = 0;
  let errors = 0;
  let bytes = 0;
  let firstError: string | null = null;
  let capped = false;
  const started = performance.now();

  const client = async () => {
    while (issued < count) {
      if (performance.now() - started > options.timeCapMs) {
        capped = true;
        return;
      }
      const prepared = options.requests[issued++] as PreparedRequest;
      const t0 = performance.now();
      try {
        const answer = await send(agent, options, prepared);
        latencies.push(performance.now() - t0);
        sentAt.push(t0);
        answers.push(answer);
      } catch (err) {
        latencies.push(performance.now() - t0);
        sentAt.push(t0);
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const wallMs = performance.now() - started;
  if (!options.agent) agent.destroy();

  // Outside the timed window: sizes, statuses and the validator's checks.
  for (const { status, body } of answers) {
    bytes += body.length;
    if (status < 200 || status >= 300) {
      errors++;
      firstError ??= `HTTP ${status}: ${body.toString("utf8").slice(0, 200)}`;
      continue;
    }
    const problem = options.validate?.(body) ?? null;
    if (problem !== null) {
      errors++;
      firstError ??= problem;
    }
  }
  return { latencies, sentAt, errors, firstError, wallMs, capped, bytes };
}
