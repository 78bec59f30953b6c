#!/usr/bin/env node
'use strict';
require('../dist/kubeguard.js');
