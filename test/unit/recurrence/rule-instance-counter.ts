import rrulePkg from 'rrule';

const { RRule } = rrulePkg;

/**
 * Runs `work` while counting every instance the rrule library hands to a callback (`RRule#all`,
 * which is how every expansion of ours walks a rule), and stops it with an error once `max` is
 * passed: a bound on work that does not depend on the clock, and that holds the code before a
 * fix as well as after it.
 */
export function countRuleInstances<T>(
  max: number,
  work: () => T,
): { result: T; instances: number } {
  const original = RRule.prototype.all;
  let instances = 0;
  RRule.prototype.all = function (this: InstanceType<typeof RRule>, iterator) {
    if (!iterator) return original.call(this);
    return original.call(this, (date, index) => {
      instances += 1;
      if (instances > max) throw new Error(`more than ${max} rule instances visited`);
      return iterator(date, index);
    });
  };
  try {
    return { result: work(), instances };
  } finally {
    RRule.prototype.all = original;
  }
}
