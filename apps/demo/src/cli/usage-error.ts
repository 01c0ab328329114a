/**
 * A bad command line: an unknown flag, a missing or malformed value, an output path that cannot be written.
 * The CLI prints its message on one line and exits with code 2, before any training or writing.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
