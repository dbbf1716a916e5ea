#!/usr/bin/env node
// The local stack's DynamoDB-API server: dynalite's own command line, in a process that survives a client going
// away in the middle of a request. dynalite rethrows a request's error from its 'error' listener; when a killed
// client's connection closes before its body is complete, that error ("aborted") would stop the server for every
// later client. Here that one error is logged and the server goes on; any other uncaught exception still stops it.
'use strict'

process.on('uncaughtException', (error) => {
  if (error && (error.message === 'aborted' || error.code === 'ECONNRESET')) {
    console.error(`dynalite: a client went away in the middle of a request (${error.message}); serving on`)
    return
  }
  console.error(error)
  process.exit(1)
})

require('./node_modules/dynalite/cli.js')
