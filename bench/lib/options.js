// Command-line options shared by the bench scripts: --runs N, --quick, --json.
'use strict';

function parseOptions(argv, defaults) {
  const options = { ...defaults, quick: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === '--quick') options.quick = true;
    else if (name === '--json') options.json = true;
    else if (name === '--runs') options.runs = Number(value());
    else if (name === '--scales') options.scales = value().split(',').map(Number);
    else if (name === '--threads') options.threads = value().split(',').map(Number);
    else if (name === '--only') options.only = value().split(',');
    else if (name === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs expects a positive whole number');
  return options;
}

module.exports = { parseOptions };
