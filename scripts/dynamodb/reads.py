#!/usr/bin/env python3
"""The seeds' three reads of the serving store, with boto3 as an application makes them: one track of an artist
(get_item), the artist's top tracks (query on artist_id), and the most popular tracks (scan, popularity > 90).
The endpoint, region and credentials come from the environment (AWS_ENDPOINT_URL_DYNAMODB locally, AWS_REGION).

Usage: reads.py [TABLE]   (default: $DYNAMODB_TABLE, else top_tracks)
"""

import os
import sys

import boto3
from boto3.dynamodb.conditions import Attr, Key


def track_line(item):
    markets = ", ".join(f"{market} #{rank}" for market, rank in sorted(item["markets"].items()))
    track = f"{item['track_name']} (artist {item['artist_id']}, popularity {item['popularity']}"
    return f"  {track}; {markets}; dt {item['dt']})"


def main(table_name):
    # the project's variables name the region AWS_REGION; boto3 reads AWS_DEFAULT_REGION (and its config files)
    table = boto3.Session(region_name=os.environ.get("AWS_REGION")).resource("dynamodb").Table(table_name)
    # any one item gives an artist and a track to read back
    first = table.scan(Limit=1, ProjectionExpression="artist_id, id")["Items"]
    if not first:
        sys.exit(f"table {table_name} is empty: run the DAG (make demo) or load-dynamodb first")
    artist_id, track_id = first[0]["artist_id"], first[0]["id"]

    item = table.get_item(Key={"artist_id": artist_id, "id": track_id})["Item"]
    print(f'get_item(artist_id="{artist_id}", id="{track_id}"):')
    print(track_line(item))

    tracks = table.query(KeyConditionExpression=Key("artist_id").eq(artist_id))["Items"]
    print(f'query(artist_id="{artist_id}"): {len(tracks)} tracks')
    for track in sorted(tracks, key=lambda track: -track["popularity"])[:5]:
        print(track_line(track))

    popular, scan = [], {"FilterExpression": Attr("popularity").gt(90)}
    while True:
        page = table.scan(**scan)
        popular += page["Items"]
        if "LastEvaluatedKey" not in page:
            break
        scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    print(f"scan(popularity > 90): {len(popular)} tracks, the first ones:")
    for track in sorted(popular, key=lambda track: (-track["popularity"], track["track_name"]))[:5]:
        print(track_line(track))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DYNAMODB_TABLE") or "top_tracks")
