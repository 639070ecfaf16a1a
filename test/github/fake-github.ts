/**
 * A fake GitHub REST API on a loopback port, for tests of the REST layer and of the action run end to
 * end (pass `fake.url` as the client's baseUrl or as GITHUB_API_URL).
 *
 * It speaks the endpoints the action uses, with GitHub's shapes and habits:
 *   GET   /repos/{o}/{r}/pulls/{n}                 one pull request
 *   GET   /repos/{o}/{r}/pulls/{n}/files           its files: per_page (default 30, max 100), at most 3,000 listed
 *   GET   /repos/{o}/{r}/pulls?state=&head=        pull requests (head filter as "owner:branch")
 *   GET   /repos/{o}/{r}/commits/{sha}/pulls       pull requests whose head is that commit
 *   GET   /repos/{o}/{r}/issues/{n}/comments       comments, oldest first, paginated
 *   POST  /repos/{o}/{r}/issues/{n}/comments       new comment by `commenter` (422 over 65,536 characters)
 *   GET   /repos/{o}/{r}/issues/comments/{id}      one comment
 *   PATCH /repos/{o}/{r}/issues/comments/{id}      edit a comment
 *   GET   /user                                    the token's account: `commenter` for a personal token,
 *                                                  403 for a bot's (GITHUB_TOKEN, app tokens), as GitHub does
 * Paginated lists carry Link headers exactly like GitHub's (`<...&page=2>; rel="next", <...>; rel="last"`),
 * every response carries x-ratelimit-* headers, and anything else is a 404 with GitHub's JSON body.
 *
 * State is plain data the test sets up and inspects (`pulls`, `comments`, `requests`); `pullFilesFromChanges`
 * turns a real `git diff` into the files list. Failures are
 * scripted per request: `failNext` (one 502, then success), `forbidCommentWrites` (a fork's read-only
 * token), `rateLimitNext` (secondary rate limit with Retry-After, or primary with x-ratelimit-reset).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangedPath } from '../../src/git/index.js';

export interface FakeUser {
  readonly login: string;
  readonly type: 'Bot' | 'User' | 'Organization';
  readonly id: number;
}

/** What `GITHUB_TOKEN` comments as. */
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };
/** Another app's bot (e.g. a different action posting with our marker by copy-paste). */
export const OTHER_BOT: FakeUser = { login: 'other-app[bot]', type: 'Bot', id: 5000001 };
export const HUMAN: FakeUser = { login: 'octocat', type: 'User', id: 583231 };
/** The account behind a personal access token that a team uses instead of GITHUB_TOKEN. */
export const PAT_USER: FakeUser = { login: 'acme-ci', type: 'User', id: 7300001 };

export type FakeFileStatus =
  'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface FakePullFile {
  readonly filename: string;
  readonly status: FakeFileStatus;
  readonly previous_filename?: string;
}

export interface FakePull {
  readonly number: number;
  state: 'open' | 'closed';
  readonly base: { ref: string; sha: string };
  readonly head: { ref: string; sha: string; repoFullName: string };
  files: FakePullFile[];
  /** false mimics GitHub not associating a fork's commit with the pull in /commits/{sha}/pulls. */
  listedByCommit: boolean;
}

export interface FakeComment {
  readonly id: number;
  readonly issueNumber: number;
  body: string;
  readonly user: FakeUser | null;
  readonly createdAt: string;
  updatedAt: string;
}

export interface FakeFailure {
  /** Any method when absent. */
  readonly method?: string;
  /** The request path without query: exact string, or a pattern. */
  readonly path: string | RegExp;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; `{ message }` with the status text when absent. */
  readonly body?: unknown;
  /** How many matching requests fail; 1 when absent. */
  times?: number;
  /**
   * When true the request is carried out (state changes) and only the answer is the failure: a
   * comment that was created although the client saw a 502.
   */
  readonly afterEffect?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  /** The status the fake answered with. */
  status: number;
}

export interface FakeGitHubOptions {
  readonly owner?: string;
  readonly repo?: string;
  /** Who comments with the token; the Actions bot by default. */
  readonly commenter?: FakeUser;
  /** When set, requests must carry `Authorization: token <it>` or `Bearer <it>`, else 401. */
  readonly token?: string;
}

/** GitHub's cap on the files listed for a pull request. */
export const MAX_LISTED_PULL_FILES = 3000;
/** GitHub's cap on a comment body, in characters. */
export const MAX_COMMENT_BODY = 65536;

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  commenter: FakeUser;
  readonly pulls = new Map<number, FakePull>();
  readonly comments: FakeComment[] = [];
  readonly requests: RecordedRequest[] = [];
  private readonly failures: FakeFailure[] = [];
  private nextCommentId = 1001;
  private clock = Date.UTC(2024, 0, 1);

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeGitHubOptions,
  ) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'models';
    this.commenter = options.commenter ?? ACTIONS_BOT;
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGitHub(server, `http://127.0.0.1:${port}`, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => fake.send(res, 500, { message: String(error) }));
    });
    return fake;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** Adds (or replaces) a pull request; defaults give an open PR from a same-repo branch. */
  addPull(pull: { number: number } & Partial<Omit<FakePull, 'number'>>): FakePull {
    const full: FakePull = {
      number: pull.number,
      state: pull.state ?? 'open',
      base: pull.base ?? { ref: 'main', sha: 'b'.repeat(40) },
      head: pull.head ?? { ref: `pr-${pull.number}`, sha: 'c'.repeat(40), repoFullName: this.fullName },
      files: pull.files ?? [],
      listedByCommit: pull.listedByCommit ?? true,
    };
    this.pulls.set(full.number, full);
    return full;
  }

  /** Seeds an existing comment (e.g. by a human, or ours from an earlier run). */
  addComment(issueNumber: number, body: string, user: FakeUser | null = HUMAN): FakeComment {
    const at = this.tick();
    const comment: FakeComment = {
      id: this.nextCommentId++,
      issueNumber,
      body,
      user,
      createdAt: at,
      updatedAt: at,
    };
    this.comments.push(comment);
    return comment;
  }

  commentsOn(issueNumber: number): FakeComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber);
  }

  commentUrl(comment: FakeComment): string {
    return `https://github.com/${this.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`;
  }

  /** The next matching request(s) get this answer instead of the real one. */
  failNext(failure: FakeFailure): void {
    this.failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Comment writes answer 403 like a fork pull request's read-only GITHUB_TOKEN. */
  forbidCommentWrites(): void {
    const forbidden = {
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403',
      },
      times: Infinity,
    };
    this.failNext({ ...forbidden, method: 'POST', path: /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/ });
    this.failNext({ ...forbidden, method: 'PATCH', path: /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+$/ });
  }

  /**
   * The next matching request is rate limited: a secondary limit (403 with Retry-After) by default,
   * or the primary one (x-ratelimit-remaining 0 and a reset time) when `resetAtEpochSeconds` is given.
   */
  rateLimitNext(
    method: string,
    path: string | RegExp,
    limit: { retryAfterSeconds: number } | { resetAtEpochSeconds: number },
    status: 403 | 429 = 403,
  ): void {
    if ('retryAfterSeconds' in limit) {
      this.failNext({
        method,
        path,
        status,
        headers: { 'retry-after': String(limit.retryAfterSeconds) },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
      });
    } else {
      this.failNext({
        method,
        path,
        status,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(limit.resetAtEpochSeconds) },
        body: {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
      });
    }
  }

  /** Requests seen, optionally only those of one method and path pattern. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && matchPath(path, r.path));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace('.000Z', 'Z');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(record);
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      this.send(res, status, json, headers);
    };

    if (this.options.token !== undefined) {
      const auth = req.headers.authorization ?? '';
      if (auth !== `token ${this.options.token}` && auth !== `Bearer ${this.options.token}`) {
        reply(401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        });
        return;
      }
    }

    const failure = this.failures.find(
      (f) => (f.method === undefined || f.method === method) && matchPath(f.path, url.pathname),
    );
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      const fail = (): void =>
        reply(failure.status, failure.body ?? { message: statusText(failure.status) }, {
          ...failure.headers,
        });
      if (!failure.afterEffect) {
        fail();
        return;
      }
      this.route(method, url, body, () => undefined);
      fail();
      return;
    }
    this.route(method, url, body, reply);
  }

  private route(
    method: string,
    url: URL,
    body: unknown,
    reply: (status: number, json: unknown, headers?: Record<string, string>) => void,
  ): void {
    if (method === 'GET' && url.pathname === '/user') {
      if (this.commenter.type === 'Bot') reply(403, { message: 'Resource not accessible by integration' });
      else reply(200, userJson(this.commenter));
      return;
    }
    const prefix = `/repos/${this.owner}/${this.repo}`;
    const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
    if (path === undefined) {
      reply(404, notFound());
      return;
    }
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/pulls\/(\d+)$/.exec(path))) {
      const pull = this.pulls.get(Number(m[1]));
      if (pull) reply(200, this.pullJson(pull));
      else reply(404, notFound());
    } else if (method === 'GET' && (m = /^\/pulls\/(\d+)\/files$/.exec(path))) {
      const pull = this.pulls.get(Number(m[1]));
      if (!pull) {
        reply(404, notFound());
        return;
      }
      const listed = pull.files.slice(0, MAX_LISTED_PULL_FILES).map((f) => fileJson(f));
      this.sendPage(url, listed, reply);
    } else if (method === 'GET' && path === '/pulls') {
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      const pulls = [...this.pulls.values()]
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => head === null || `${p.head.repoFullName.split('/')[0]}:${p.head.ref}` === head)
        .sort((a, b) => b.number - a.number);
      this.sendPage(
        url,
        pulls.map((p) => this.pullJson(p)),
        reply,
      );
    } else if (method === 'GET' && (m = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(path))) {
      const sha = m[1];
      const pulls = [...this.pulls.values()].filter((p) => p.listedByCommit && p.head.sha === sha);
      this.sendPage(
        url,
        pulls.map((p) => this.pullJson(p)),
        reply,
      );
    } else if (method === 'GET' && (m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      this.sendPage(
        url,
        this.commentsOn(Number(m[1])).map((c) => this.commentJson(c)),
        reply,
      );
    } else if (method === 'POST' && (m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      const text = (body as { body?: unknown } | undefined)?.body;
      const invalid = bodyProblem(text);
      if (invalid) {
        reply(422, invalid);
        return;
      }
      const comment = this.addComment(Number(m[1]), text as string, this.commenter);
      reply(201, this.commentJson(comment), {
        location: `${this.url}${prefix}/issues/comments/${comment.id}`,
      });
    } else if ((method === 'GET' || method === 'PATCH') && (m = /^\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) {
        reply(404, notFound());
        return;
      }
      if (method === 'PATCH') {
        const text = (body as { body?: unknown } | undefined)?.body;
        const invalid = bodyProblem(text);
        if (invalid) {
          reply(422, invalid);
          return;
        }
        comment.body = text as string;
        comment.updatedAt = this.tick();
      }
      reply(200, this.commentJson(comment));
    } else {
      reply(404, notFound());
    }
  }

  /** One page of a list, with GitHub's Link header (prev, next, last, first). */
  private sendPage(
    url: URL,
    items: unknown[],
    reply: (status: number, json: unknown, headers?: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? '30') || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number): string => {
      const params = new URLSearchParams(url.searchParams);
      params.set('page', String(n));
      return `<${this.url}${url.pathname}?${params.toString()}>`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
    if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (page > 1) rels.push(`${link(1)}; rel="first"`);
    reply(
      200,
      items.slice((page - 1) * perPage, page * perPage),
      rels.length > 0 ? { link: rels.join(', ') } : {},
    );
  }

  private send(
    res: ServerResponse,
    status: number,
    json: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(json);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '999',
      'x-ratelimit-reset': String(Math.floor(this.clock / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
      ...headers,
    });
    res.end(text);
  }

  private pullJson(pull: FakePull): object {
    return {
      number: pull.number,
      state: pull.state,
      html_url: `https://github.com/${this.fullName}/pull/${pull.number}`,
      changed_files: pull.files.length,
      base: { ref: pull.base.ref, sha: pull.base.sha, repo: { full_name: this.fullName } },
      head: { ref: pull.head.ref, sha: pull.head.sha, repo: { full_name: pull.head.repoFullName } },
      user: HUMAN,
    };
  }

  private commentJson(comment: FakeComment): object {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      html_url: this.commentUrl(comment),
      issue_url: `${this.url}/repos/${this.fullName}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: comment.user === null ? null : userJson(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: comment.user?.type === 'Bot' ? 'NONE' : 'OWNER',
    };
  }
}

function userJson(user: FakeUser): object {
  return { login: user.login, id: user.id, type: user.type };
}

function fileJson(file: FakePullFile): object {
  return {
    sha: null,
    filename: file.filename,
    status: file.status,
    additions: 0,
    deletions: 0,
    changes: 0,
    ...(file.previous_filename !== undefined ? { previous_filename: file.previous_filename } : {}),
  };
}

function bodyProblem(text: unknown): object | undefined {
  if (typeof text !== 'string') {
    return {
      message: 'Invalid request.\n\n"body" wasn\'t supplied.',
      documentation_url: 'https://docs.github.com/rest',
      status: '422',
    };
  }
  if (text.length > MAX_COMMENT_BODY) {
    return {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`,
        },
      ],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    };
  }
  return undefined;
}

function notFound(): object {
  return { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return texts[status] ?? `HTTP ${status}`;
}

function matchPath(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** `n` PR files named `prefix/0000.onnx`..., for lists longer than a page (or than GitHub's cap). */
export function manyFiles(n: number, prefix = 'models/gen'): FakePullFile[] {
  return Array.from({ length: n }, (_, i) => ({
    filename: `${prefix}/${String(i).padStart(4, '0')}.onnx`,
    status: 'modified' as const,
  }));
}

/** A pull request's files as GitHub lists them, from changes computed with git (`GitRepo.diff`). */
export function pullFilesFromChanges(changes: readonly ChangedPath[]): FakePullFile[] {
  const statuses = {
    added: 'added',
    modified: 'modified',
    renamed: 'renamed',
    copied: 'copied',
    deleted: 'removed',
  } as const;
  return changes.map((change) => ({
    filename: change.path,
    status: statuses[change.status],
    ...(change.previousPath !== undefined ? { previous_filename: change.previousPath } : {}),
  }));
}
