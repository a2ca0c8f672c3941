// The part of Eleventy's programmatic API the tests use.
declare module "@11ty/eleventy" {
  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string | false;
    config?: (eleventyConfig: unknown) => void;
    runMode?: "build" | "watch" | "serve";
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
  }
}
