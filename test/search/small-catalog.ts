import type { Catalog, Talk } from "../../src/catalog/schema.ts";
import { talkOf } from "../support/catalogs.ts";

type TalkInput = Partial<Talk> & Pick<Talk, "id">;

function talk(t: TalkInput): Talk {
  return talkOf(t.id, { eventId: "conf", sources: ["hand-made"], ...t });
}

/**
 * A two-day conference in London (Tue 3 – Wed 4 March 2020, GMT) with two
 * tracks, plus an event in Brussels the following year, small enough to reason
 * about every answer by hand.
 */
export function smallCatalog(): Catalog {
  return {
    events: [
      { id: "conf", name: "Test Conf 2020", timeZone: "Europe/London", sources: ["hand-made"] },
      { id: "brx", name: "Brussels Fest", timeZone: "Europe/Brussels", sources: ["hand-made"] },
    ],
    tracks: [
      {
        id: "arch",
        eventId: "conf",
        name: "Architectures You've Always Wondered About",
        date: "2020-03-03",
        room: "Fleming",
      },
      {
        id: "data",
        eventId: "conf",
        name: "Streaming Data",
        date: "2020-03-03",
        room: "Churchill",
      },
      { id: "java", eventId: "conf", name: "Java", date: "2020-03-04", room: "Mountbatten" },
      { id: "js", eventId: "conf", name: "JavaScript", date: "2020-03-04", room: "Whittle" },
      { id: "brx-db", eventId: "brx", name: "Databases", date: "2021-02-06", room: "H.1302" },
    ],
    talks: [
      talk({
        id: "exchange",
        trackId: "arch",
        title: "Evolution of Financial Exchange Architectures",
        abstract:
          "The Disruptor was announced 10 years ago: a concurrent library for low-latency event processing at LMAX.",
        speakers: [{ name: "Martin Thompson", role: "Co-founder", company: "Real Logic" }],
        date: "2020-03-03",
        start: "2020-03-03T10:35:00+00:00",
        end: "2020-03-03T11:25:00+00:00",
        room: "Fleming",
        tags: ["Finance", "Low Latency"],
      }),
      talk({
        id: "frontends",
        trackId: "arch",
        title: "Lessons From DAZN: Scaling Your Project with Micro-Frontends",
        abstract: "Micro-frontends are a new architectural trend for frontend applications.",
        speakers: [{ name: "Luca Mezzalira", role: "VP of Architecture", company: "DAZN" }],
        date: "2020-03-03",
        start: "2020-03-03T13:40:00+00:00",
        end: "2020-03-03T14:30:00+00:00",
        room: "Fleming",
      }),
      talk({
        id: "lunch",
        trackId: "arch",
        title: "Lunch",
        abstract: "Kafka-shaped sandwiches.",
        date: "2020-03-03",
        start: "2020-03-03T12:40:00+00:00",
        end: "2020-03-03T13:40:00+00:00",
        format: "break",
      }),
      talk({
        id: "kafka-streams",
        trackId: "data",
        title: "Kafka Streams in Production",
        abstract: "Stateful stream processing with Kafka, exactly-once semantics and what breaks.",
        speakers: [{ name: "Anna Povzner", role: "Engineer", company: "Confluent" }],
        date: "2020-03-03",
        start: "2020-03-03T10:35:00+00:00",
        end: "2020-03-03T11:25:00+00:00",
        room: "Churchill",
        tags: ["Kafka", "Streaming"],
      }),
      talk({
        id: "flink",
        trackId: "data",
        title: "Stream Processing with Apache Flink",
        abstract: "Flink reads from Kafka topics and keeps state; a comparison with batch jobs.",
        speakers: [{ name: "Fabian Hueske", company: "Ververica" }],
        date: "2020-03-03",
        start: "2020-03-03T11:50:00+00:00",
        end: "2020-03-03T12:40:00+00:00",
        room: "Churchill",
      }),
      talk({
        id: "terraform",
        trackId: "java",
        title: "Terraform for Java Teams",
        abstract: "Infrastructure as code with Terraform modules, reviewed like any other code.",
        speakers: [{ name: "Rosemary Wang", company: "HashiCorp" }],
        date: "2020-03-04",
        start: "2020-03-04T09:00:00+00:00",
        end: "2020-03-04T09:50:00+00:00",
        room: "Mountbatten",
      }),
      talk({
        id: "loom",
        trackId: "java",
        title: "Project Loom: Virtual Threads",
        abstract: "Virtual threads make blocking code cheap again.",
        speakers: [{ name: "Ron Pressler", company: "Oracle" }],
        date: "2020-03-04",
        start: "2020-03-04T10:00:00+00:00",
        end: "2020-03-04T10:50:00+00:00",
        room: "Mountbatten",
      }),
      talk({
        id: "react",
        trackId: "js",
        title: "React Server Components",
        abstract: "Rendering on the server without giving up interactivity.",
        speakers: [{ name: "Dan Abramov", company: "Meta" }],
        date: "2020-03-04",
        start: "2020-03-04T09:00:00+00:00",
        end: "2020-03-04T09:50:00+00:00",
        room: "Whittle",
      }),
      talk({
        id: "untimed",
        title: "Unconference: Kafka war stories",
        abstract: "Bring your incident reports.",
        format: "unconference",
      }),
      talk({
        id: "postgres",
        eventId: "brx",
        trackId: "brx-db",
        title: "PostgreSQL Indexes Explained",
        abstract: "B-trees, GIN and BRIN, and when each pays off.",
        speakers: [{ name: "Lætitia Avrot", company: "EDB" }],
        date: "2021-02-06",
        start: "2021-02-06T10:00:00+01:00",
        end: "2021-02-06T10:30:00+01:00",
        room: "H.1302",
      }),
    ],
  };
}
