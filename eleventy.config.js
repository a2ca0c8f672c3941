// Eleventy 3 looks for this file. It loads the blog's configuration, which is written in
// TypeScript (.eleventy.ts), through tsx's loader: Node 20 cannot load .ts by itself.
import { register } from "tsx/esm/api";

register();
const site = await import("./.eleventy.ts");

export default site.default;
export const config = site.config;
