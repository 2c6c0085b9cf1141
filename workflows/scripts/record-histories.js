// `npm run histories:record [-- --all | --only name,...]`: records the workflow histories of
// workflows/src/testing/scenarios.ts that are not committed yet (see workflows/histories/README.md).
require('../dist/testing/record-histories')
  .main(process.argv.slice(2))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
