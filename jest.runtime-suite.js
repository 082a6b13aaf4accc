// A suite against the runtime `./dev` starts (integration, e2e, reliability, bench): its specs run one at a time,
// since they share its databases and topics, each test within the suite's time limit.
module.exports = ({ displayName, testMatch, testTimeout }) => ({
  ...require('./jest.preset'),
  displayName,
  testMatch: [testMatch],
  testTimeout,
  maxWorkers: 1,
});
