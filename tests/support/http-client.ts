import { CookieJar } from "./cookie-jar";
import { findForm, type HtmlForm } from "./html-forms";

/** A response read completely, with the URL it answered. */
export interface HttpResponse {
  url: URL;
  status: number;
  headers: Headers;
  text: string;
  /** The `Location` header resolved against the request URL, for 3xx answers. */
  location?: URL;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (set the content-type header yourself), e.g. to test malformed bodies. */
  body?: string;
}

export interface FollowOptions {
  /** Stop (without requesting it) at the first redirect whose target satisfies this, e.g. the app's callback. */
  stopAt?: (url: URL) => boolean;
  /** Safety net against loops. */
  maxRedirects?: number;
}

/**
 * A small browser-like HTTP client for tests and benchmarks: `fetch` with `redirect: 'manual'`, a cookie jar kept
 * per host name, form posts, and explicit redirect following, so a test can stop and look at every hop.
 */
export class HttpClient {
  readonly cookies = new CookieJar();

  constructor(private readonly defaults: { userAgent?: string; headers?: Record<string, string> } = {}) {}

  async request(method: string, url: string | URL, options: RequestOptions = {}): Promise<HttpResponse> {
    const target = new URL(url);
    const headers: Record<string, string> = {
      ...(this.defaults.userAgent ? { "user-agent": this.defaults.userAgent } : {}),
      ...this.defaults.headers,
      ...options.headers,
    };
    const cookie = this.cookies.header(target);
    if (cookie && !hasHeader(headers, "cookie")) headers.cookie = cookie;
    let body = options.body;
    if (options.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    }
    const response = await fetch(target, { method, headers, body, redirect: "manual" });
    this.cookies.store(target, response.headers.getSetCookie());
    const text = await response.text();
    const locationHeader = response.headers.get("location");
    return {
      url: target,
      status: response.status,
      headers: response.headers,
      text,
      ...(locationHeader ? { location: new URL(locationHeader, target) } : {}),
      json<T>() {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new Error(`${method} ${target.href} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
        }
      },
    };
  }

  get(url: string | URL, options: Omit<RequestOptions, "form" | "json"> = {}): Promise<HttpResponse> {
    return this.request("GET", url, options);
  }

  postForm(url: string | URL, form: Record<string, string>, options: Omit<RequestOptions, "form" | "json"> = {}) {
    return this.request("POST", url, { ...options, form });
  }

  postJson(url: string | URL, json: unknown, options: Omit<RequestOptions, "form" | "json"> = {}) {
    return this.request("POST", url, { ...options, json });
  }

  /** Submits a parsed form as a browser would: its fields, overridden by `values`, to its action (resolved). */
  submit(page: HttpResponse, form: HtmlForm, values: Record<string, string> = {}): Promise<HttpResponse> {
    const action = new URL(form.action || page.url.href, page.url);
    const fields = { ...form.fields, ...values };
    if (form.method === "POST") return this.postForm(action, fields);
    for (const [name, value] of Object.entries(fields)) action.searchParams.set(name, value);
    return this.get(action);
  }

  /** Submits the first form of a page (or the one with `formId`). */
  submitForm(page: HttpResponse, values: Record<string, string> = {}, formId?: string): Promise<HttpResponse> {
    return this.submit(page, findForm(page.text, formId), values);
  }

  /**
   * Follows redirects with GET (as browsers do after 301/302/303) from `response`. Returns every response, the
   * last one being a non-redirect, or the redirect whose target matched `stopAt`.
   */
  async follow(response: HttpResponse, options: FollowOptions = {}): Promise<HttpResponse[]> {
    const chain = [response];
    let current = response;
    for (let hops = 0; isRedirect(current) && current.location; hops += 1) {
      if (hops >= (options.maxRedirects ?? 20)) throw new Error(`more than ${options.maxRedirects ?? 20} redirects from ${response.url.href}`);
      if (options.stopAt?.(current.location)) break;
      current = await this.get(current.location);
      chain.push(current);
    }
    return chain;
  }
}

export function isRedirect(response: HttpResponse): boolean {
  return response.status >= 300 && response.status < 400;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
