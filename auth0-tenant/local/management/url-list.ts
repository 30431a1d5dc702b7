import { z } from "zod";

/** A list of absolute URLs (callbacks, logout URLs, web origins, allowed origins), each checked so a typo fails at sync time. */
export const urlList = z.array(
  z.string().refine((value) => {
    try {
      new URL(value);
      return true;
    } catch {
      return false;
    }
  }, "must be an absolute URL"),
);
