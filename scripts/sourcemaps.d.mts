/** Tidies every `.map` file under `dir` (see sourcemaps.mjs); returns how many it rewrote. */
export function tidySourceMaps(dir: string): number;
