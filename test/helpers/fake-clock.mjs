// A libfaketime stand-in for app processes in tests: `node --import ./test/helpers/fake-clock.mjs`
// with FAKE_NOW=<ISO instant> starts the process's clock at that instant; it runs on from there.
// Only Date is shifted (timers run in real time), which is all the tip schedule reads.

const target = Date.parse(process.env.FAKE_NOW ?? '');
if (!Number.isNaN(target)) {
  const RealDate = Date;
  const offset = target - RealDate.now();
  class FakeDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = FakeDate;
}
