/**
 * A build piped into `head -1` loses its stdout; Eleventy would go on writing into the
 * closed pipe forever. The process ends instead, with the exit code it had so far.
 */
export function endOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    // Once per process: the plugin runs again on every rebuild of the preview.
    if ((stream as { jekyllPlansGuard?: boolean }).jekyllPlansGuard) continue;
    (stream as { jekyllPlansGuard?: boolean }).jekyllPlansGuard = true;
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
