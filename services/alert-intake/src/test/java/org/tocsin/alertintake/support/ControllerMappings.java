package org.tocsin.alertintake.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every mapping of alert-intake's own controllers, as Spring registered them. */
public final class ControllerMappings {

  private ControllerMappings() {
  }

  /** A mapping: method (ANY if it names none), path pattern, the media types it consumes. */
  public record Mapping(String method, String path, String consumes) {

    /** The path with every variable filled in, as a request to it would be. */
    public String examplePath() {
      return path.replace("{version}", "1").replaceAll("\\{[^}]+}",
          "00000000-0000-0000-0000-000000000000");
    }

    /** The first media type it consumes, or null. */
    public String exampleContentType() {
      return consumes.isEmpty() ? null : consumes.split(",")[0];
    }

    @Override
    public String toString() {
      return method + " " + path + (consumes.isEmpty() ? "" : " [" + consumes + "]");
    }
  }

  public static List<Mapping> of(RequestMappingHandlerMapping handlerMapping) {
    List<Mapping> mappings = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry
        : handlerMapping.getHandlerMethods().entrySet()) {
      if (!entry.getValue().getBeanType().getPackageName().startsWith("org.tocsin.alertintake")) {
        continue;
      }
      RequestMappingInfo info = entry.getKey();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      String consumes = String.join(",", new TreeSet<>(info.getConsumesCondition()
          .getConsumableMediaTypes().stream().map(Object::toString).toList()));
      for (String path : info.getPatternValues()) {
        if (methods.isEmpty()) {
          mappings.add(new Mapping("ANY", path, consumes));
        }
        for (RequestMethod method : methods) {
          mappings.add(new Mapping(method.name(), path, consumes));
        }
      }
    }
    return mappings;
  }
}
