package dev.spotifylake.lake;

import picocli.CommandLine.ITypeConverter;

/** Reads {@code --dataset top_tracks} as users write it, the folder name. */
public final class DatasetConverter implements ITypeConverter<Dataset> {
    @Override
    public Dataset convert(String value) {
        return Dataset.fromName(value);
    }
}
