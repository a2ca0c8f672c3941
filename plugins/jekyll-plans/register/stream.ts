/**
 * Glue: in a build, each post's search document goes to the search thread as soon as the post
 * is read, while the rest of the model is still being built, so that Pagefind parses the posts
 * on the other core meanwhile instead of after the model. The build's job for the posts'
 * index finishes that index, sending only what differs from what was streamed
 * (search/index-worker.js), so the index holds exactly the model's documents either way.
 *
 * Only a build streams: the preview keeps its index between rebuilds and sends it what
 * changed. With tasks as sections a post's document holds its plan's tasks as they were read;
 * should the whole model change one (its tasks' dates from version control are not in the
 * document), the job sends that document again.
 */
import type { ResolvedOptions } from "../options.ts";
import { streamSearchDocuments } from "../search/pagefind.ts";
import { excludeSelectors, postDocument, type SearchDocument } from "../search/records.ts";
import type { OnPost } from "./model.ts";

/** Documents per message to the search thread. */
const BATCH = 50;

export interface SearchStream {
  /** The stream's name, for the job that finishes its index. */
  name: string;
  onPost: OnPost;
  /** Sends what is left (after the model is built), and has the index's files built. */
  end(): void;
}

let streamsBegun = 0;

/** A stream of the posts' documents, when this build makes the index with them (see above); `send` takes each batch. */
export function searchStream(options: ResolvedOptions, send: typeof streamSearchDocuments = streamSearchDocuments): SearchStream | undefined {
  const search = options.search;
  if (!search || process.env.ELEVENTY_RUN_MODE !== "build") return undefined;
  const name = `${process.pid}-${++streamsBegun}`;
  const settings = { language: search.language!, exclude: excludeSelectors(search.tasks) };
  let batch: SearchDocument[] = [];
  const flush = (end = false): void => {
    if (batch.length === 0 && !end) return;
    send(name, settings, batch, { end });
    batch = [];
  };
  return {
    name,
    onPost({ post, plan }, html) {
      batch.push(postDocument(post, plan !== null, html, plan && search.tasks === "sections" ? plan.tasks : null, options.locale, search.labels));
      if (batch.length >= BATCH) flush();
    },
    end: () => flush(true),
  };
}
