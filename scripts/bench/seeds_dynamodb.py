#!/usr/bin/env python3
"""The Python methods of make bench-dynamodb, with boto3 on the same DynamoDB server and items as the task.

    seeds_dynamodb.py dump TABLE FILE           the table's items, one DynamoDB-JSON line each (not timed)
    seeds_dynamodb.py put_item TABLE FILE       the seeds' loop: one put_item per item
    seeds_dynamodb.py batch_writer TABLE FILE   boto3's batch_writer (25 a request, unprocessed items resent)
    seeds_dynamodb.py create TABLE              a new table (on-demand, key artist_id and id), once it is ACTIVE
    seeds_dynamodb.py count TABLE               the table's item count
    seeds_dynamodb.py drop TABLE                deletes the table if it exists

put_item and batch_writer print the items they wrote.
"""

import json
import os
import sys

import boto3
from boto3.dynamodb.types import TypeDeserializer

# The project's variables name the region AWS_REGION; boto3 reads AWS_DEFAULT_REGION (and its config files).
SESSION = boto3.Session(region_name=os.environ.get("AWS_REGION"))
KEY = [{"AttributeName": "artist_id", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}]
ATTRIBUTES = [{"AttributeName": "artist_id", "AttributeType": "S"}, {"AttributeName": "id", "AttributeType": "S"}]


def items(path):
    """The items of the dump as boto3's resource layer takes them (numbers as Decimal), one at a time."""
    deserializer = TypeDeserializer()
    with open(path) as lines:
        for line in lines:
            yield {name: deserializer.deserialize(value) for name, value in json.loads(line).items()}


def create(name):
    client = SESSION.client("dynamodb")
    client.create_table(TableName=name, KeySchema=KEY, AttributeDefinitions=ATTRIBUTES, BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1})


def dump(name, path):
    client = SESSION.client("dynamodb")
    with open(path, "w") as out:
        for page in client.get_paginator("scan").paginate(TableName=name):
            out.writelines(json.dumps(item) + "\n" for item in page["Items"])


def put_item(name, path):
    table = SESSION.resource("dynamodb").Table(name)
    written = 0
    for item in items(path):
        table.put_item(Item=item)
        written += 1
    print(written)


def batch_writer(name, path):
    table = SESSION.resource("dynamodb").Table(name)
    written = 0
    with table.batch_writer() as batch:
        for item in items(path):
            batch.put_item(Item=item)
            written += 1
    print(written)


def count(name):
    client = SESSION.client("dynamodb")
    pages = client.get_paginator("scan").paginate(TableName=name, Select="COUNT", ConsistentRead=True)
    print(sum(page["Count"] for page in pages))


def drop(name):
    client = SESSION.client("dynamodb")
    try:
        client.delete_table(TableName=name)
    except client.exceptions.ResourceNotFoundException:
        return
    client.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig={"Delay": 1})


if __name__ == "__main__":
    commands = {
        "dump": dump,
        "put_item": put_item,
        "batch_writer": batch_writer,
        "create": create,
        "count": count,
        "drop": drop,
    }
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
