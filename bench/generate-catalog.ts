/**
 * A large, deterministic, realistic-looking catalog for benchmarks: conferences
 * in five time zones, a track per room per day, half-hour slots, titles and
 * abstracts assembled from real technical vocabulary, speakers from a name pool.
 * The same seed always gives the same catalog.
 */
import type { Catalog, Talk, Track } from "../src/catalog/schema.ts";
import { addDays, toOffsetIso, zonedInstant } from "../src/time/zone.ts";

/** mulberry32: small, fast, good enough to pick words. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EVENTS = [
  { id: "devconf-london", name: "DevConf London 2026", zone: "Europe/London", first: "2026-03-10" },
  {
    id: "opensummit-brussels",
    name: "Open Summit Brussels 2026",
    zone: "Europe/Brussels",
    first: "2026-02-07",
  },
  {
    id: "cloudweek-nyc",
    name: "CloudWeek New York 2026",
    zone: "America/New_York",
    first: "2026-05-12",
  },
  { id: "systems-tokyo", name: "Systems Tokyo 2026", zone: "Asia/Tokyo", first: "2026-07-21" },
  {
    id: "datacon-sf",
    name: "DataCon San Francisco 2026",
    zone: "America/Los_Angeles",
    first: "2026-09-15",
  },
];

const TRACK_TOPICS = [
  "Architectures You've Always Wondered About",
  "Cloud Native Infrastructure",
  "Data Engineering",
  "Streaming Data",
  "Databases",
  "Observability",
  "Security",
  "Frontend",
  "Mobile",
  "Rust",
  "Go",
  "Java and the JVM",
  "Python",
  "JavaScript",
  "Machine Learning",
  "AI Engineering",
  "DevOps",
  "Platform Engineering",
  "Distributed Systems",
  "Performance",
  "Testing",
  "Developer Experience",
  "Leadership",
  "Engineering Culture",
  "Serverless",
  "Kubernetes",
  "Networking",
  "Embedded",
  "Open Source",
  "Privacy",
  "Accessibility",
  "Functional Programming",
  "WebAssembly",
  "Edge Computing",
  "FinTech",
  "Game Development",
  "Quantum Computing",
  "Compilers",
  "Operating Systems",
  "SRE",
  "Microservices",
  "API Design",
  "Event-Driven Systems",
  "Modern Web",
  "Data Science",
  "Cost Optimisation",
];

const TECH = [
  "Kafka",
  "Kubernetes",
  "PostgreSQL",
  "Redis",
  "Elasticsearch",
  "Terraform",
  "Docker",
  "Envoy",
  "gRPC",
  "GraphQL",
  "React",
  "Vue",
  "Svelte",
  "Angular",
  "Node.js",
  "Deno",
  "Rust",
  "Go",
  "Java",
  "Kotlin",
  "Scala",
  "Python",
  "TypeScript",
  "WebAssembly",
  "eBPF",
  "Linux",
  "Istio",
  "Prometheus",
  "OpenTelemetry",
  "Grafana",
  "Spark",
  "Flink",
  "Airflow",
  "dbt",
  "Snowflake",
  "ClickHouse",
  "DuckDB",
  "SQLite",
  "Cassandra",
  "MongoDB",
  "DynamoDB",
  "Lambda",
  "Temporal",
  "Pulsar",
  "NATS",
  "RabbitMQ",
  "Nix",
  "Bazel",
  "Gradle",
  "Argo CD",
  "Helm",
  "Vault",
  "Keycloak",
  "OAuth",
  "WebRTC",
  "PyTorch",
  "TensorFlow",
  "LLMs",
  "RAG",
  "vector databases",
  "Ray",
  "CUDA",
  "RISC-V",
  "Zig",
  "Elixir",
  "Erlang",
  "Haskell",
  "OCaml",
  "Clojure",
  "Swift",
  "Flutter",
  "Android",
  "iOS",
  "Unity",
  "Godot",
];

const CONCEPTS = [
  "event sourcing",
  "stream processing",
  "micro-frontends",
  "service mesh",
  "observability",
  "chaos engineering",
  "infrastructure as code",
  "continuous delivery",
  "feature flags",
  "zero trust security",
  "supply chain security",
  "memory safety",
  "garbage collection",
  "query optimisation",
  "schema evolution",
  "data contracts",
  "data mesh",
  "change data capture",
  "distributed tracing",
  "load balancing",
  "rate limiting",
  "backpressure",
  "consensus",
  "leader election",
  "sharding",
  "replication",
  "caching",
  "edge computing",
  "serverless functions",
  "platform teams",
  "developer productivity",
  "incident response",
  "on-call",
  "technical debt",
  "domain-driven design",
  "hexagonal architecture",
  "monolith decomposition",
  "API versioning",
  "contract testing",
  "property-based testing",
  "fuzzing",
  "static analysis",
  "type systems",
  "compiler optimisation",
  "JIT compilation",
  "concurrency",
  "async I/O",
  "virtual threads",
  "actor model",
  "CRDTs",
  "offline-first apps",
  "accessibility audits",
  "design systems",
  "model serving",
  "fine-tuning",
  "prompt engineering",
  "retrieval-augmented generation",
  "feature stores",
  "MLOps",
  "cost optimisation",
  "capacity planning",
  "multi-region failover",
  "disaster recovery",
  "encryption at rest",
  "secrets management",
  "identity federation",
];

const ADJECTIVES = [
  "resilient",
  "scalable",
  "low-latency",
  "secure",
  "maintainable",
  "observable",
  "cost-effective",
  "real-time",
  "fault-tolerant",
  "high-throughput",
  "sustainable",
  "accessible",
  "reliable",
];

const THINGS = [
  "payment systems",
  "search engines",
  "data pipelines",
  "mobile apps",
  "trading platforms",
  "recommendation systems",
  "developer platforms",
  "IoT fleets",
  "video streaming",
  "checkout flows",
  "booking systems",
  "analytics dashboards",
  "messaging platforms",
  "game servers",
  "CI pipelines",
];

const FIRST_NAMES = [
  "Alice",
  "Amara",
  "Anil",
  "Anna",
  "Ben",
  "Bianca",
  "Carlos",
  "Chen",
  "Chiara",
  "Daniel",
  "Dmitri",
  "Elena",
  "Emeka",
  "Fatima",
  "Felix",
  "Gabriel",
  "Grace",
  "Hannah",
  "Hiroshi",
  "Ines",
  "Ivan",
  "Jakub",
  "James",
  "Jana",
  "Javier",
  "Jin",
  "Julia",
  "Kai",
  "Karim",
  "Katarzyna",
  "Kofi",
  "Lars",
  "Laura",
  "Leila",
  "Lucas",
  "Luca",
  "Maria",
  "Martin",
  "Mei",
  "Mohammed",
  "Nadia",
  "Nikolai",
  "Noah",
  "Olga",
  "Omar",
  "Paolo",
  "Priya",
  "Rafael",
  "Rania",
  "Ravi",
  "Rosa",
  "Sam",
  "Sara",
  "Sofia",
  "Stefan",
  "Tariq",
  "Thomas",
  "Valentina",
  "Wei",
  "Yuki",
  "Zara",
  "Oleksii",
  "Volodymyr",
  "Wes",
];

const LAST_NAMES = [
  "Abadi",
  "Andersen",
  "Bauer",
  "Becker",
  "Bianchi",
  "Costa",
  "Dubois",
  "Eriksson",
  "Fernandes",
  "Fischer",
  "Garcia",
  "Gonzalez",
  "Hansen",
  "Hoffmann",
  "Ivanova",
  "Jansen",
  "Kowalski",
  "Kim",
  "Kumar",
  "Larsen",
  "Lee",
  "Lopez",
  "Martin",
  "Meyer",
  "Moreau",
  "Mueller",
  "Nakamura",
  "Nguyen",
  "Novak",
  "Okafor",
  "Olsen",
  "Patel",
  "Petrov",
  "Popescu",
  "Rossi",
  "Santos",
  "Schmidt",
  "Silva",
  "Singh",
  "Sato",
  "Tanaka",
  "Thompson",
  "Usman",
  "Varga",
  "Wagner",
  "Wang",
  "Weber",
  "Yilmaz",
  "Zhang",
  "Mezzalira",
  "Reisz",
  "Lapotkov",
  "Chugai",
  "Pryhodko",
  "Horvath",
  "Kovacs",
  "Dimitrov",
];

const COMPANIES = [
  "Acme Cloud",
  "Bluefin Payments",
  "Cobalt Labs",
  "DataForge",
  "Edgewise",
  "Fjord Analytics",
  "Globex",
  "Helix Health",
  "Initech",
  "Juniper Mobility",
  "Kestrel Systems",
  "Lumen Games",
  "Monzo",
  "Netflix",
  "Nordic Rail",
  "Octopus Energy",
  "Pivotal Bank",
  "Quantra",
  "Redwood Retail",
  "Shopify",
  "Spotify",
  "Stripe",
  "Thoughtworks",
  "Uber",
  "Vinted",
  "Wayfair",
  "Xero",
  "Yelp",
  "Zalando",
  "DAZN",
  "LMAX",
  "Confluent",
  "HashiCorp",
  "Grafana Labs",
  "Red Hat",
  "SUSE",
  "Canonical",
  "Mozilla",
  "Wikimedia",
  "Booking.com",
  "Adyen",
  "Klarna",
  "N26",
  "Revolut",
];

const ROLES = [
  "Software Engineer",
  "Senior Software Engineer",
  "Staff Engineer",
  "Principal Engineer",
  "Engineering Manager",
  "CTO",
  "VP of Engineering",
  "Solution Architect",
  "SRE",
  "Data Engineer",
  "Developer Advocate",
  "Security Engineer",
  "Tech Lead",
  "Researcher",
  "Product Manager",
];

const TITLE_TEMPLATES: ((w: Words) => string)[] = [
  (w) => `Scaling ${w.concept()} at ${w.company()}`,
  (w) => `${w.tech()} in Production: Lessons Learned`,
  (w) => `A Practical Guide to ${w.concept()} with ${w.tech()}`,
  (w) => `Why ${w.concept()} Is Harder Than You Think`,
  (w) => `From ${w.tech()} to ${w.tech()}: A Migration Story`,
  (w) => `Building ${w.adjective()} ${w.thing()} with ${w.tech()}`,
  (w) => `${w.tech()} Internals: How ${w.concept()} Really Works`,
  (w) => `The State of ${w.tech()} in 2026`,
  (w) => `${w.concept()} for ${w.thing()}`,
  (w) => `What We Learned Running ${w.tech()} for Five Years`,
  (w) => `Beyond ${w.concept()}: ${w.adjective()} ${w.thing()}`,
  (w) => `Debugging ${w.tech()} Under Load`,
];

const SENTENCES: ((w: Words) => string)[] = [
  (w) => `In this talk we look at how ${w.company()} moved its ${w.thing()} to ${w.tech()}.`,
  (w) =>
    `We will cover ${w.concept()}, ${w.concept()} and what happens when they meet ${w.tech()}.`,
  (w) => `Most teams underestimate ${w.concept()} until an outage forces the question.`,
  (w) =>
    `You will leave with patterns for ${w.adjective()} ${w.thing()} that you can apply on Monday.`,
  (w) => `Along the way we compare ${w.tech()} and ${w.tech()} on cost, latency and operability.`,
  (w) => `The session is based on three years of running ${w.tech()} at scale.`,
  (w) => `Expect live demos, honest failure stories and a few numbers about ${w.concept()}.`,
  (w) => `We explain why ${w.concept()} matters for ${w.thing()} and how to measure it.`,
  (w) => `Finally we discuss where ${w.tech()} is heading and what that means for ${w.concept()}.`,
  (w) =>
    `No prior knowledge of ${w.tech()} is required, but familiarity with ${w.concept()} helps.`,
];

interface Words {
  tech(): string;
  concept(): string;
  adjective(): string;
  thing(): string;
  company(): string;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface GenerateOptions {
  talks?: number;
  seed?: number;
}

const SLOTS_PER_DAY = 16;
const ROOMS_PER_EVENT = 42;
/** Three days hold 10,080 talks; a larger catalog gets more days (the first three stay the same). */
const MIN_DAYS = 3;

export function generateCatalog(options: GenerateOptions = {}): Catalog {
  const wanted = options.talks ?? 10_000;
  const random = prng(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words: Words = {
    tech: () => pick(TECH),
    concept: () => pick(CONCEPTS),
    adjective: () => pick(ADJECTIVES),
    thing: () => pick(THINGS),
    company: () => pick(COMPANIES),
  };
  const speakerPool = Array.from({ length: Math.max(50, Math.round(wanted * 0.8)) }, () => ({
    name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    role: pick(ROLES),
    company: pick(COMPANIES),
  }));

  const perDay = EVENTS.length * ROOMS_PER_EVENT * SLOTS_PER_DAY;
  const days = Math.max(MIN_DAYS, Math.ceil(wanted / perDay));
  const catalog: Catalog = { events: [], tracks: [], talks: [] };
  let n = 0;
  for (const event of EVENTS) {
    catalog.events.push({
      id: event.id,
      name: event.name,
      timeZone: event.zone,
      sources: ["generated"],
    });
    for (let d = 0; d < days; d++) {
      const date = addDays(event.first, d);
      for (let r = 0; r < ROOMS_PER_EVENT; r++) {
        const room = `Room ${String.fromCharCode(65 + (r % 6))}${100 + r}`;
        const track: Track = {
          id: `${event.id}:d${d + 1}:r${r + 1}`,
          eventId: event.id,
          name: pick(TRACK_TOPICS),
          date,
          room,
          host: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
        };
        catalog.tracks.push(track);
        for (let s = 0; s < SLOTS_PER_DAY && n < wanted; s++, n++) {
          catalog.talks.push(makeTalk(n, track, date, s, event.zone));
        }
      }
    }
  }
  return catalog;

  function makeTalk(i: number, track: Track, date: string, slot: number, zone: string): Talk {
    const startMinutes = 9 * 60 + slot * 30;
    const time = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const start = toOffsetIso(zonedInstant(date, time(startMinutes), zone), zone);
    const end = toOffsetIso(zonedInstant(date, time(startMinutes + 25), zone), zone);
    // A lunch break in every room at 12:30, as real schedules have.
    if (slot === 7) {
      return {
        id: `gen-${i}`,
        eventId: track.eventId,
        trackId: track.id,
        title: "Lunch break",
        abstract: "",
        speakers: [],
        date,
        start,
        end,
        room: track.room,
        format: "break",
        tags: [],
        sources: ["generated"],
      };
    }
    const speakerCount = random() < 0.8 ? 1 : random() < 0.7 ? 2 : 3;
    const speakers = Array.from({ length: speakerCount }, () => ({ ...pick(speakerPool) }));
    const sentenceCount = 3 + Math.floor(random() * 4);
    const abstract = Array.from({ length: sentenceCount }, () => pick(SENTENCES)(words)).join(" ");
    const tags = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      capitalise(random() < 0.5 ? words.tech() : words.concept()),
    );
    return {
      id: `gen-${i}`,
      eventId: track.eventId,
      trackId: track.id,
      title: capitalise(pick(TITLE_TEMPLATES)(words)),
      abstract,
      speakers,
      date,
      start,
      end,
      room: track.room,
      format: random() < 0.05 ? "workshop" : random() < 0.03 ? "keynote" : "talk",
      tags: [...new Set(tags)],
      sources: ["generated"],
    };
  }
}
