/**
 * node:test's API on jest. The suite was written for node:test and runs on jest (issue 17); its
 * imports of 'node:test' point here. Tests, suites and hooks become jest's, with the same names,
 * options and order; what jest lacks is provided here: the test context `t` (after, diagnostic,
 * subtests, mock, signal), skip and todo reasons (kept in the test's name, as `# SKIP reason`), and
 * callback-style tests. `mock` is node:test's own MockTracker, which works under any runner.
 */
import {
  afterAll,
  afterEach as jestAfterEach,
  beforeAll,
  beforeEach as jestBeforeEach,
  describe as jestDescribe,
  test as jestTest,
} from '@jest/globals';
import { mock } from 'node:test';

export { mock };
/** Types a test may import from node:test besides those defined here. */
export type { HookOptions, Mock, MockFunctionContext, SuiteContext } from 'node:test';

type MockTracker = typeof mock;
type Awaitable = unknown;

export interface TestOptions {
  /** true, or the reason to skip. */
  skip?: boolean | string;
  /** true, or what is left to do. */
  todo?: boolean | string;
  only?: boolean;
  timeout?: number;
  /** Accepted for compatibility; files and tests already run one at a time. */
  concurrency?: number | boolean;
}

export type TestFn = (t: TestContext, done: (error?: unknown) => void) => Awaitable;
export type HookFn = (t: TestContext, done: (error?: unknown) => void) => Awaitable;
export type SuiteFn = (s: { name: string; signal: AbortSignal }) => void;

type TestArgs = [name?: string | TestOptions | TestFn, options?: TestOptions | TestFn, fn?: TestFn];

/** The longest timeout jest accepts (node:test's default is none). */
const MAX_TIMEOUT = 2 ** 31 - 1;

function parse<F extends (...args: never[]) => unknown>(args: unknown[]): { name: string; options: TestOptions; fn?: F } {
  const queue = [...args];
  const name = typeof queue[0] === 'string' ? (queue.shift() as string) : undefined;
  const options = typeof queue[0] === 'object' && queue[0] !== null ? (queue.shift() as TestOptions) : {};
  const fn = typeof queue[0] === 'function' ? (queue.shift() as F) : undefined;
  return { name: name ?? fn?.name ?? '<anonymous>', options, fn };
}

function timeoutOf(options: TestOptions): number | undefined {
  return options.timeout === undefined ? undefined : Math.min(options.timeout, MAX_TIMEOUT);
}

/** `name # SKIP reason`, as node:test's TAP output names a skipped test. */
function labelled(name: string, directive: 'SKIP' | 'TODO', reason: boolean | string | undefined): string {
  return typeof reason === 'string' && reason ? `${name} # ${directive} ${reason}` : `${name} # ${directive}`;
}

/** Calls a node:test test or hook function: with its context, and a `done` callback when it takes one. */
function call(fn: TestFn | HookFn, t: TestContext): Promise<unknown> {
  if (fn.length < 2) return Promise.resolve(fn(t, () => {}));
  return new Promise((resolve, reject) => {
    fn(t, (error?: unknown) => (error ? reject(error) : resolve(undefined)));
  });
}

export class TestContext {
  private readonly afters: HookFn[] = [];
  private readonly beforeEachs: HookFn[] = [];
  private readonly afterEachs: HookFn[] = [];
  private readonly failures: unknown[] = [];
  private readonly controller = new AbortController();
  private tracker?: MockTracker;

  constructor(
    readonly name: string,
    private readonly parent?: TestContext,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A mock tracker of this test's own, reset when the test ends. */
  get mock(): MockTracker {
    this.tracker ??= new (mock.constructor as new () => MockTracker)();
    return this.tracker;
  }

  diagnostic(message: string): void {
    console.log(`# ${message}`);
  }

  /**
   * jest cannot skip a test that has started: the reason is printed and the test goes on (node:test
   * also goes on; callers return right after), and jest reports it as passed.
   */
  skip(message?: string): void {
    console.log(labelled(this.name, 'SKIP', message ?? true));
  }

  todo(message?: string): void {
    console.log(labelled(this.name, 'TODO', message ?? true));
  }

  after(fn: HookFn): void {
    this.afters.push(fn);
  }

  beforeEach(fn: HookFn): void {
    this.beforeEachs.push(fn);
  }

  afterEach(fn: HookFn): void {
    this.afterEachs.push(fn);
  }

  /**
   * A subtest, run now. Like node:test, a failing subtest does not stop its parent: the returned
   * promise resolves, and the parent fails when it ends, with every subtest failure.
   */
  async test(...args: TestArgs): Promise<void> {
    const { name, options, fn } = parse<TestFn>(args);
    if (options.skip || options.todo || !fn) {
      console.log(options.skip ? labelled(name, 'SKIP', options.skip) : labelled(name, 'TODO', options.todo ?? true));
      return;
    }
    const child = new TestContext(name, this);
    try {
      for (const hook of this.beforeEachs) await call(hook, child);
      await run(fn, child, timeoutOf(options));
      for (const hook of this.afterEachs) await call(hook, child);
    } catch (error) {
      this.failures.push(error);
    }
  }

  /** Runs the after hooks, resets mocks and aborts the signal; throws the subtests' failures. */
  async finish(): Promise<void> {
    try {
      for (const hook of this.afters) await call(hook, this);
    } finally {
      this.tracker?.reset();
      this.controller.abort();
    }
    if (this.failures.length === 1) throw this.failures[0];
    if (this.failures.length > 1) throw new AggregateError(this.failures, `${this.failures.length} subtests of "${this.name}" failed`);
  }

  get fullName(): string {
    return this.parent ? `${this.parent.fullName} > ${this.name}` : this.name;
  }
}

async function run(fn: TestFn, t: TestContext, timeout?: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit =
    timeout === undefined
      ? null
      : new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`subtest "${t.fullName}" timed out after ${timeout} ms`)), timeout);
        });
  try {
    await (limit ? Promise.race([call(fn, t), limit]) : call(fn, t));
  } finally {
    clearTimeout(timer);
    await t.finish();
  }
}

type Test = ((...args: TestArgs) => void) & {
  skip: (...args: TestArgs) => void;
  todo: (...args: TestArgs) => void;
  only: (...args: TestArgs) => void;
};

function declareTest(args: TestArgs, extra: TestOptions): void {
  const parsed = parse<TestFn>(args);
  const options = { ...parsed.options, ...extra };
  const { name, fn } = parsed;
  if (options.skip) return jestTest.skip(labelled(name, 'SKIP', options.skip), () => {});
  if (options.todo || !fn) return jestTest.todo(labelled(name, 'TODO', options.todo ?? true));
  const declare = options.only ? jestTest.only : jestTest;
  declare(name, () => run(fn, new TestContext(name)), timeoutOf(options));
}

function makeTest(): Test {
  const declared = (extra: TestOptions) => (...args: TestArgs) => declareTest(args, extra);
  return Object.assign(declared({}), { skip: declared({ skip: true }), todo: declared({ todo: true }), only: declared({ only: true }) });
}

export const test: Test = makeTest();
export const it: Test = test;
export default test;

type SuiteArgs = [name?: string | TestOptions | SuiteFn, options?: TestOptions | SuiteFn, fn?: SuiteFn];
type Suite = ((...args: SuiteArgs) => void) & {
  skip: (...args: SuiteArgs) => void;
  todo: (...args: SuiteArgs) => void;
  only: (...args: SuiteArgs) => void;
};

function declareSuite(args: SuiteArgs, extra: TestOptions): void {
  const parsed = parse<SuiteFn>(args);
  const options = { ...parsed.options, ...extra };
  const { name } = parsed;
  const body = () => void parsed.fn?.({ name, signal: new AbortController().signal });
  if (options.skip) return jestDescribe.skip(labelled(name, 'SKIP', options.skip), body);
  if (options.todo) return jestDescribe.skip(labelled(name, 'TODO', options.todo), body);
  (options.only ? jestDescribe.only : jestDescribe)(name, body);
}

function makeSuite(): Suite {
  const declared = (extra: TestOptions) => (...args: SuiteArgs) => declareSuite(args, extra);
  return Object.assign(declared({}), { skip: declared({ skip: true }), todo: declared({ todo: true }), only: declared({ only: true }) });
}

export const describe: Suite = makeSuite();
export const suite: Suite = describe;

/** A hook runs with a context of its own, as node:test's do; `options.timeout` as jest's. */
function hook(register: (fn: () => Promise<void>, timeout?: number) => void, name: string) {
  return (fn: HookFn, options: { timeout?: number } = {}) =>
    register(async () => {
      const t = new TestContext(name);
      await call(fn, t);
      await t.finish();
    }, timeoutOf(options));
}

export const before = hook(beforeAll, 'before');
export const after = hook(afterAll, 'after');
export const beforeEach = hook(jestBeforeEach, 'beforeEach');
export const afterEach = hook(jestAfterEach, 'afterEach');
