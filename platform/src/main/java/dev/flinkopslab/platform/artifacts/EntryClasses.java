package dev.flinkopslab.platform.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The classes a JAR offers as a job's entry: its manifest's {@code Main-Class} first, then every public class
 * with a {@code public static void main(String[])}, found by reading the class files (nothing is loaded).
 */
public final class EntryClasses {
    private EntryClasses() {}

    /** @param mainClass the manifest's Main-Class, or null; @param entryClasses it first, then the others by name */
    public record Result(String mainClass, List<String> entryClasses) {}

    public static Result of(Path jarFile) {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            Manifest manifest = jar.getManifest();
            String mainClass = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            mainClass = mainClass == null || mainClass.isBlank() ? null : mainClass.strip();
            TreeSet<String> withMain = new TreeSet<>();
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.endsWith(".class") || name.endsWith("module-info.class")
                        || name.startsWith("META-INF/")) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    String found = mainOf(in.readAllBytes());
                    if (found != null) {
                        withMain.add(found);
                    }
                } catch (RuntimeException unreadable) {
                    // not a class file ASM understands: it offers no entry
                }
            }
            List<String> result = new ArrayList<>();
            if (mainClass != null) {
                result.add(mainClass);
                withMain.remove(mainClass);
            }
            result.addAll(withMain);
            return new Result(mainClass, result);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jarFile, e);
        }
    }

    /** The class's name if it is public and declares {@code public static void main(String[])}. */
    static String mainOf(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        if ((reader.getAccess() & Opcodes.ACC_PUBLIC) == 0) {
            return null;
        }
        boolean[] hasMain = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                int needed = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;
                if ("main".equals(name) && "([Ljava/lang/String;)V".equals(descriptor) && (access & needed) == needed) {
                    hasMain[0] = true;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return hasMain[0] ? reader.getClassName().replace('/', '.') : null;
    }
}
