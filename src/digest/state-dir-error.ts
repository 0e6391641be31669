import { TalkbotError } from "../errors.ts";

/** Why a directory cannot hold talkbot's state, by the error code the file system gave. */
const reasons: Record<string, string> = {
  EROFS: "its file system is read-only",
  EACCES: "talkbot may not write there",
  EPERM: "talkbot may not write there",
  EEXIST: "it is a file, not a directory",
  ENOTDIR: "part of its path is a file, not a directory",
  ENOENT: "a directory on its path does not exist",
};

/**
 * The state directory (TALKBOT_STATE_DIR) could not be opened: one line naming
 * the setting and the fix, or the error itself when it is not about the directory.
 */
export function stateDirFailure(err: unknown, dir: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? reasons[code] : undefined;
  if (!reason) return err;
  return new TalkbotError(
    "state_dir_unusable",
    `TALKBOT_STATE_DIR=${dir} cannot hold talkbot's state: ${reason} (${code}). Point TALKBOT_STATE_DIR at a directory talkbot can create and write.`,
    { cause: err },
  );
}
