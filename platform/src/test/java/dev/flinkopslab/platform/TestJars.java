package dev.flinkopslab.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Small real JARs, made in the test: class files written with ASM, a manifest, optionally incompressible filler. */
final class TestJars {
    private TestJars() {}

    /** demo.Job (Main-Class, with main), demo.Other (with main), demo.Helper (no main), demo.Hidden (main, not public). */
    static byte[] jobJar(int fillerBytes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "demo.Job");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            add(jar, "demo/Job.class", classFile("demo/Job", Opcodes.ACC_PUBLIC, true));
            add(jar, "demo/Other.class", classFile("demo/Other", Opcodes.ACC_PUBLIC, true));
            add(jar, "demo/Helper.class", classFile("demo/Helper", Opcodes.ACC_PUBLIC, false));
            add(jar, "demo/Hidden.class", classFile("demo/Hidden", 0, true));
            if (fillerBytes > 0) {
                byte[] filler = new byte[fillerBytes];
                new Random(1).nextBytes(filler);
                JarEntry e = new JarEntry("filler.bin");
                e.setMethod(ZipEntry.DEFLATED);
                jar.putNextEntry(e);
                jar.write(filler);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    private static byte[] classFile(String internalName, int access, boolean withMain) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, access | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        if (withMain) {
            MethodVisitor main = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
            main.visitCode();
            main.visitInsn(Opcodes.RETURN);
            main.visitMaxs(0, 0);
            main.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
