import type { Catalog } from "../../src/catalog/schema.ts";
import type { PlannedDigest } from "../../src/digest/plan.ts";
import type { DigestSettings } from "../../src/digest/settings.ts";
import { type Correction, correctionPayload } from "../../src/schedule/corrections.ts";
import { digestPayload } from "../../src/schedule/digest-payload.ts";
import { buildCandidate } from "../../src/schedule/release.ts";
import type { DeliveryRecord } from "../../src/store/store.ts";
import { berlin, releases36c3 } from "./release-server.ts";

const catalogs = new Map<number, Catalog>();

/** The i-th 36C3 release (0…3) as the bot imports it; parsed once per test file. */
export function release36c3(i: number): Catalog {
  let c = catalogs.get(i);
  if (!c) {
    const candidate = buildCandidate(
      [{ source: "schedule.json", text: releases36c3[i] as string }],
      {
        timeZone: berlin,
      },
    );
    if (!candidate.ok) throw new Error(candidate.refusal.message);
    c = candidate.catalog;
    catalogs.set(i, c);
  }
  return c;
}

/** Every track into one channel, 10 minutes ahead. */
export const oneChannel: DigestSettings = {
  enabled: true,
  defaultChannel: "#up-next",
  defaultLeadMinutes: 10,
  rules: [],
};

export const CHANNEL_ID = "C0UPNEXT";

let ts = 0;

/** The record the delivery engine keeps of a digest posted to Slack (renderDigest's payload). */
export function postedDigest(d: PlannedDigest, settledAt = d.dueAt): DeliveryRecord {
  ts++;
  return {
    key: d.key,
    kind: "digest",
    status: "posted",
    channel: CHANNEL_ID,
    ts: `${Math.floor(d.dueAt.getTime() / 1000)}.${String(ts).padStart(6, "0")}`,
    detail: null,
    payload: JSON.stringify(digestPayload(d)),
    settledAt: settledAt.toISOString(),
  };
}

/** The record of a correction made (posted = chat.update accepted), as the port returns it. */
export function madeCorrection(
  c: Correction,
  settledAt: Date,
  status: DeliveryRecord["status"] = "posted",
): DeliveryRecord {
  return {
    key: c.key,
    kind: "correction",
    status,
    channel: c.channel,
    ts: status === "posted" ? c.ts : null,
    detail: status === "posted" ? null : "edit_window_closed",
    payload: status === "posted" ? correctionPayload(c) : null,
    settledAt: settledAt.toISOString(),
  };
}

/** "2019-12-30T11:25" read in Berlin. */
export const berlinTime = (local: string) => new Date(`${local}:00+01:00`);
