import { StoreError } from "./store-error.ts";

/** Why a directory cannot hold talkbot's state, by the error code the file system gave. */
const reasons: Record<string, string> = {
  EROFS: "its file system is read-only",
  EACCES: "talkbot may not write there",
  EPERM: "talkbot may not write there",
  EEXIST: "it is a file, not a directory",
  ENOTDIR: "part of its path is a file, not a directory",
  ENOENT: "a directory on its path does not exist",
  ENOSPC: "its disk is full",
  // SQLite's own codes, for the database file inside it.
  SQLITE_READONLY: "its file system or the database file is read-only",
  SQLITE_CANTOPEN: "the database file cannot be created or opened there",
  SQLITE_FULL: "its disk is full",
  SQLITE_IOERR: "the disk fails to read or write",
};

/**
 * The state directory (TALKBOT_STATE_DIR) could not be opened: one line naming
 * the setting and the fix, or the error itself when it is not about the directory.
 */
export function stateDirFailure(err: unknown, dir: string): unknown {
  const raw = (err as NodeJS.ErrnoException | undefined)?.code;
  // SQLite extends its codes (SQLITE_IOERR_WRITE): the family says enough.
  const code = raw && !reasons[raw] ? raw.replace(/^(SQLITE_[A-Z]+)_.*$/, "$1") : raw;
  const reason = code ? reasons[code] : undefined;
  if (!reason) return err;
  return new StoreError(
    "state_dir_unusable",
    `TALKBOT_STATE_DIR=${dir} cannot hold talkbot's state: ${reason} (${code}). Point TALKBOT_STATE_DIR at a directory talkbot can create and write.`,
    { cause: err },
  );
}
