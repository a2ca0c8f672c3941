// After tsc: the files the compiled plugin reads beside itself (its browser scripts,
// fallback layouts and page templates, the search thread's script) go into dist/, where
// import.meta.url finds them.
import { cpSync } from "node:fs";

for (const folder of ["assets", "layouts", "templates"]) {
  cpSync(new URL(`../${folder}`, import.meta.url), new URL(`../dist/${folder}`, import.meta.url), { recursive: true });
}
cpSync(new URL("../search/index-worker.js", import.meta.url), new URL("../dist/search/index-worker.js", import.meta.url));
