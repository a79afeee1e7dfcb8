import fc from 'fast-check';
import {
  Book,
  Cancel,
  CancelInstance,
  ChangeRoom,
  EditText,
  MoveInstance,
  MoveSingle,
  Retitle,
  Split,
  type ModelCommand,
  type RuleName,
} from './commands.js';
import {
  Advance,
  Check,
  CrashPass,
  FAULTS,
  FaultPass,
  Pass,
  WindowPass,
} from './world-commands.js';

type Command = ModelCommand;

const pick = fc.nat(20);
const index = fc.nat(6);

/** Every command, weighted: people act often, passes often, kills and clock moves now and then. */
export function commandArbitraries(options: { crashes: boolean }) {
  const book = fc
    .record({
      who: fc.nat(3),
      rooms: fc.array(fc.nat(2), { minLength: 1, maxLength: 2 }),
      day: fc.nat(13),
      hour: fc.integer({ min: 7, max: 18 }),
      minutes: fc.constantFrom(30, 60, 90),
      rule: fc.constantFrom<RuleName>(
        'single',
        'single',
        'weekly5',
        'weekly',
        'daily10',
        'monthly4',
        'monthly',
        'monthlyLast',
        'monthly5th',
      ),
      withText: fc.boolean(),
    })
    .map((r) => new Book(r.who, r.rooms, r.day, r.hour, r.minutes, r.rule, r.withText));
  const weighted: fc.WeightedArbitrary<Command>[] = [
    { weight: 6, arbitrary: book },
    {
      weight: 2,
      arbitrary: fc
        .tuple(pick, fc.nat(13), fc.integer({ min: 7, max: 18 }), fc.constantFrom(30, 60, 90))
        .map(([p, d, hr, m]) => new MoveSingle(p, d, hr, m)),
    },
    { weight: 1, arbitrary: pick.map((p) => new Retitle(p)) },
    { weight: 1, arbitrary: fc.tuple(pick, fc.boolean()).map(([p, d]) => new EditText(p, d)) },
    { weight: 2, arbitrary: pick.map((p) => new Cancel(p)) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(pick, index, fc.constantFrom(-60, 30, 120, 1440), fc.constantFrom(30, 60, 45))
        .map(([p, i, s, m]) => new MoveInstance(p, i, s, m)),
    },
    { weight: 3, arbitrary: fc.tuple(pick, index).map(([p, i]) => new CancelInstance(p, i)) },
    { weight: 2, arbitrary: fc.tuple(pick, index).map(([p, i]) => new Split(p, i)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(pick, fc.nat(2), fc.boolean())
        .map(([p, r, a]) => new ChangeRoom(p, r, a)),
    },
    { weight: 6, arbitrary: fc.constant(new Pass()) },
    { weight: 1, arbitrary: fc.constant(new WindowPass()) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.array(
            fc.record({
              which: fc.nat(FAULTS.length - 1),
              skip: fc.nat(6),
              count: fc.integer({ min: 1, max: 3 }),
            }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          fc.boolean(),
        )
        .map(([f, inv]) => new FaultPass(f, inv)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(30, 180, 1440, 7 * 1440, 23 * 1440).map((m) => new Advance(m)),
    },
    { weight: 1, arbitrary: fc.constant(new Check()) },
  ];
  if (options.crashes)
    weighted.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 24 }), fc.boolean())
        .map(([after, late]) => new CrashPass(after, late)),
    });
  return fc.oneof(...weighted);
}
