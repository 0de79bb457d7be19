package dev.candor.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and reads the {@code .sql} files directly inside one classpath folder, whether the
 * folder is on disk (IDE, Maven tests) or inside a jar (the shaded {@code candor.jar}).
 */
final class ClasspathScripts {

    private ClasspathScripts() {
    }

    /** File name to script text, for every {@code *.sql} directly in {@code folder}. */
    static Map<String, String> read(ClassLoader loader, String folder) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> urls = loader.getResources(folder);
            while (urls.hasMoreElements()) {
                names.addAll(list(urls.nextElement(), folder));
            }
            Map<String, String> scripts = new LinkedHashMap<>();
            for (String name : names) {
                scripts.put(name, readText(loader, folder + "/" + name));
            }
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migration scripts in classpath folder " + folder, e);
        }
    }

    private static TreeSet<String> list(URL url, String folder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        switch (url.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".sql"))
                            .forEach(names::add);
                } catch (URISyntaxException e) {
                    throw new IOException("bad classpath URL " + url, e);
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                String prefix = folder + "/";
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String entry = e.nextElement().getName();
                        String rest = entry.startsWith(prefix) ? entry.substring(prefix.length()) : "";
                        if (rest.endsWith(".sql") && !rest.contains("/")) {
                            names.add(rest);
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list classpath folder at " + url);
        }
        return names;
    }

    private static String readText(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
