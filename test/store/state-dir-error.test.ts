import { describe, expect, it } from "vitest";
import { TalkbotError } from "../../src/errors.ts";
import { stateDirFailure } from "../../src/store/state-dir-error.ts";

const fsError = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe("stateDirFailure", () => {
  it.each([
    ["EROFS", "its file system is read-only"],
    ["ENOENT", "a directory on its path does not exist"],
    ["EEXIST", "it is a file, not a directory"],
    ["EACCES", "talkbot may not write there"],
  ])("turns %s into one line naming TALKBOT_STATE_DIR", (code, reason) => {
    const cause = fsError(code);
    const err = stateDirFailure(cause, "/srv/state");
    expect(err).toBeInstanceOf(TalkbotError);
    expect(err).toMatchObject({ code: "state_dir_unusable", cause });
    expect((err as Error).message).toBe(
      `TALKBOT_STATE_DIR=/srv/state cannot hold talkbot's state: ${reason} (${code}). Point TALKBOT_STATE_DIR at a directory talkbot can create and write.`,
    );
  });

  it("leaves other errors alone", () => {
    const bug = new TypeError("x is undefined");
    expect(stateDirFailure(bug, "/srv/state")).toBe(bug);
  });
});
